import type { NoticeText } from '../../../components/Notice/Notice';
import type { ShownSecret } from './SecretBox';

/** What an action on "Koppelingen" tells the page: news to show, or a secret to show once. */
export type News = { notice: NoticeText; secret?: undefined } | { secret: ShownSecret; notice?: undefined };
