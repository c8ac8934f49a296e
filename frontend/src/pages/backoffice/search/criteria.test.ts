import {
  criteriaFromFilter,
  criteriaFromForm,
  criteriaFromQuery,
  formFromCriteria,
  queryFor,
  sortFromQuery,
  sortState,
  toggleSort,
  type Criteria,
} from './criteria';

describe('search criteria in the address', () => {
  const criteria: Criteria = {
    reference: 'PA-2026-0001',
    name: 'El Amrani',
    documentType: 'strafregister-596-2,bewijs-van-woonst',
    status: 'in_progress,awaiting_police_advice',
    processing: 'manual',
    submittedFrom: '2026-01-01',
    assignee: 'me',
    q: 'voetbal',
  };

  it('survive a round trip through the query string, sort included', () => {
    const query = queryFor(criteria, 'requesterName');
    const again = new URLSearchParams(query.toString());
    expect(criteriaFromQuery(again)).toEqual(criteria);
    expect(sortFromQuery(again)).toBe('requesterName');
    expect(queryFor(criteriaFromQuery(again), sortFromQuery(again)).toString()).toBe(query.toString());
  });

  it('leave out what is empty, trim text and tidy lists', () => {
    const query = new URLSearchParams('name=%20Jan%20&reference=&status=refused,,%20refused,cancelled&onbekend=x');
    expect(criteriaFromQuery(query)).toEqual({ name: 'Jan', status: 'refused,cancelled' });
    expect(queryFor({ name: 'Jan', reference: '  ' }).toString()).toBe('name=Jan');
  });

  it('accept a list as repeated parameters', () => {
    expect(criteriaFromQuery(new URLSearchParams('status=refused&status=cancelled'))).toEqual({ status: 'refused,cancelled' });
  });

  it('keep the default sort out of the address and refuse an unknown one', () => {
    expect(queryFor({ name: 'Jan' }, '-submittedAt').toString()).toBe('name=Jan');
    expect(sortFromQuery(new URLSearchParams('sort=-password'))).toBe('-submittedAt');
    expect(sortFromQuery(new URLSearchParams('sort=-status'))).toBe('-status');
  });

  it('go to and from the form', () => {
    const form = formFromCriteria(criteria);
    expect(form.status).toEqual(['in_progress', 'awaiting_police_advice']);
    expect(form.channel).toBe('');
    expect(criteriaFromForm(form)).toEqual(criteria);
  });

  it('come from a saved filter, nulls left out', () => {
    expect(criteriaFromFilter({ module: 'papieren-en-attesten', name: null, status: 'refused' })).toEqual({
      status: 'refused',
      module: 'papieren-en-attesten',
    });
  });
});

describe('sorting by a column', () => {
  it('starts ascending and then turns around', () => {
    expect(toggleSort('-submittedAt', 'reference')).toBe('reference');
    expect(toggleSort('reference', 'reference')).toBe('-reference');
    expect(toggleSort('-reference', 'reference')).toBe('reference');
    expect(toggleSort('-submittedAt', 'submittedAt')).toBe('submittedAt');
  });

  it('tells assistive technology which way a column is sorted', () => {
    expect(sortState('-submittedAt', 'submittedAt')).toBe('descending');
    expect(sortState('status', 'status')).toBe('ascending');
    expect(sortState('status', 'reference')).toBeUndefined();
  });
});
