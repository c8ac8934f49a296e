import type { Catalogue, Scope, WebhookDeliveryStatus, WebhookEvent } from '../../../api/types';
import { documentTypeName } from '../../../domain/requestLabels';
import type { MessageKey, Translate } from '../../../i18n/i18n';

/** A document type of the catalogue, by its code and its name in the page's language. */
export interface TypeName {
  code: string;
  name: string;
}

/** The catalogue's document types in its order, named in the page's language. */
export function typeNames(t: Translate, catalogue: Catalogue | undefined): TypeName[] {
  return (catalogue?.categories ?? []).flatMap((category) =>
    category.documentTypes.map((type) => ({ code: type.code, name: documentTypeName(t, type.code, type.name) })),
  );
}

/** A right (scope) in words: "Aanvragen indienen". */
export function scopeText(t: Translate, scope: Scope): string {
  return t(`scope.${scope}` as MessageKey);
}

/** What a right allows, beside its checkbox. */
export function scopeHint(t: Translate, scope: Scope): string {
  return t(`scopeHint.${scope}` as MessageKey);
}

export function webhookEventText(t: Translate, event: WebhookEvent): string {
  return t(`webhookEvent.${event}` as MessageKey);
}

export function deliveryStatusText(t: Translate, status: WebhookDeliveryStatus): string {
  return t(`webhookDelivery.${status}` as MessageKey);
}
