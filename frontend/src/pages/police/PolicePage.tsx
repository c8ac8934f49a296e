import { useCallback, useId, useState, type FormEvent } from 'react';
import { api, expectOk, unwrap } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { fieldMessage, problemMessage } from '../../api/problemMessage';
import type { AdviceRequest, AdviceValue } from '../../api/types';
import { Alert } from '../../components/Alert/Alert';
import { AdviceField } from '../../components/Choice/AdviceField';
import { DueBadge } from '../../components/DueBadge/DueBadge';
import { TextAreaField } from '../../components/Field/TextAreaField';
import { Notice, type NoticeText } from '../../components/Notice/Notice';
import { Loaded } from '../../components/Status/Loaded';
import { SummaryList } from '../../components/SummaryList/SummaryList';
import { Table } from '../../components/Table/Table';
import { formatNationalNumber } from '../../domain/nationalNumber';
import { adviceText } from '../../domain/requestLabels';
import { useDocumentTitle } from '../../hooks/useDocumentTitle';
import { useResource } from '../../hooks/useResource';
import { useServerNow } from '../../hooks/useServerNow';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import './PolicePage.css';
import { BusyStatus } from '../../components/Status/BusyStatus';

/** The police see only the advice they are asked for: open requests to answer, then answered ones. */
export function PolicePage() {
  const { t } = useI18n();
  useDocumentTitle(t('police.heading'));
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<NoticeText>();
  const list = useResource((signal) => unwrap(api.GET('/api/v1/police/advice-requests', { signal })), [round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  return (
    <>
      <h1>{t('police.heading')}</h1>
      <p className="lead">{t('police.intro')}</p>
      <Notice notice={notice} />
      <Loaded resource={list}>
        {({ items }) => (
          <AdviceLists
            items={items}
            onDone={(text, kind = 'success') => {
              setNotice({ kind, text });
              reload();
            }}
          />
        )}
      </Loaded>
    </>
  );
}

/** Open requests to answer, then the answered ones. */
function AdviceLists({ items, onDone }: { items: AdviceRequest[]; onDone: (text: string, kind?: 'success' | 'warning') => void }) {
  const { t } = useI18n();
  const open = items.filter((item) => !item.advice);
  const answered = items.filter((item) => item.advice);
  return (
    <>
      <h2>{t('police.openHeading')}</h2>
      {open.length === 0 ? (
        <div className="empty-state">
          <p>{t('police.empty')}</p>
        </div>
      ) : (
        <ul className="advice-list">
          {open.map((item) => (
            <li key={item.reference}>
              <OpenAdvice item={item} onDone={onDone} />
            </li>
          ))}
        </ul>
      )}
      <h2 id="answered-heading">{t('police.answeredHeading')}</h2>
      {answered.length === 0 ? <p>{t('police.noneAnswered')}</p> : <AnsweredTable items={answered} />}
    </>
  );
}

function OpenAdvice({ item, onDone }: { item: AdviceRequest; onDone: (text: string, kind?: 'success' | 'warning') => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const now = useServerNow()();
  const base = useId();
  const headingId = `${base}-heading`;
  const [advice, setAdvice] = useState<AdviceValue | ''>('');
  const [remark, setRemark] = useState('');
  const [adviceError, setAdviceError] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!advice) {
      setAdviceError(fieldMessage(t, { name: 'advice', code: 'required' }));
      document.getElementById(`${base}-advice`)?.focus();
      return;
    }
    setAdviceError(undefined);
    setBusy(true);
    try {
      // 204: the police get no more of the request than their advice.
      await expectOk(
        api.POST('/api/v1/requests/{reference}/advice', {
          params: { path: { reference: item.reference } },
          body: { advice, remark: remark.trim() ? remark : null },
        }),
      );
      onDone(t('police.given', { reference: item.reference, advice: t(`advice.${advice}`) }));
    } catch (problem) {
      setBusy(false);
      if (problem instanceof ApiProblem && problem.status === 409) {
        onDone(t('police.alreadyAnswered', { reference: item.reference }), 'warning');
        return;
      }
      setError(problemMessage(t, problem));
    }
  };

  return (
    <article className="advice-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('police.requestHeading', { reference: item.reference })}</h3>
      <SummaryList
        rows={[
          { label: t('police.person'), value: item.subjectName },
          item.subjectNationalNumber && { label: t('requestForm.nationalNumber'), value: formatNationalNumber(item.subjectNationalNumber) },
          item.subjectBirthDate && { label: t('requestForm.birthDate'), value: format.date(item.subjectBirthDate) },
          { label: t('police.purpose'), value: item.purpose },
          { label: t('police.requestedAt'), value: format.dateTime(item.requestedAt) },
          {
            label: t('police.dueAt'),
            value: (
              <>
                {format.dateTime(item.dueAt)}
                <DueBadge dueAt={item.dueAt} now={now} />
              </>
            ),
          },
        ]}
      />
      <form noValidate onSubmit={submit} aria-labelledby={headingId}>
        {error && <Alert kind="error">{error}</Alert>}
        <AdviceField id={`${base}-advice`} name={`advice-${item.reference}`} value={advice} error={adviceError} onChange={setAdvice} />
        <TextAreaField name="remark" label={t('advice.remark')} rows={3} value={remark} onChange={(event) => setRemark(event.target.value)} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {t('police.submit')} <span className="visually-hidden">{t('police.forReference', { reference: item.reference })}</span>
          </button>
          <BusyStatus busy={busy} />
        </div>
      </form>
    </article>
  );
}

function AnsweredTable({ items }: { items: AdviceRequest[] }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <Table
      caption={t('police.answeredHeading')}
      labelledBy="answered-heading"
      columns={[
        t('tasks.column.reference'),
        t('police.person'),
        t('advice.label'),
        t('advice.remarkShort'),
        t('police.answeredAt'),
        t('police.answeredBy'),
      ]}
    >
      {items.map((item) => (
        <tr key={item.reference}>
          <td>{item.reference}</td>
          <td>{item.subjectName}</td>
          <td>{item.advice && adviceText(t, item.advice)}</td>
          <td>{item.remark ?? ''}</td>
          <td>{item.answeredAt ? format.dateTime(item.answeredAt) : ''}</td>
          <td>{item.answeredBy ?? ''}</td>
        </tr>
      ))}
    </Table>
  );
}
