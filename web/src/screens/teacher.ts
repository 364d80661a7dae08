// Teaching: weekly stats and weekly reports, the teacher's own or, for an admin, any teacher's.
import { api, query } from '../api';
import { fill, h } from '../dom';
import { type Money, dateTime, money } from '../format';
import { hasRole } from '../session';
import { act, load, refreshButton, screenRoot, whileBusy } from '../ui';
import type { App, Mounted } from './screen';

const WEEKS = 12;

interface WeekStats {
  teacherId: string;
  weekStart: string;
  paidInvoices: number;
  revenue: Money;
  refunds: number;
  refunded: Money;
}

interface Report {
  teacherId: string;
  weekStart: string;
  enrolments: number;
  refunds: number;
  revenue: { currency: string; revenue: string; refunded: string; net: string }[];
  messages: number;
  activeStudents: number;
  text: string;
  generatedAt: string;
}

export function teacherScreen(app: App): Mounted {
  const admin = hasRole(app.user, 'admin');
  const teacherId = h('input', { id: 'teacher-id', name: 'teacherId', value: '1001', inputmode: 'numeric', 'data-testid': 'teacher-id' });
  const stats = h('tbody');
  const reports = h('ul', { class: 'list', 'data-testid': 'reports' });

  async function reload(): Promise<void> {
    const teacher = admin ? teacherId.value.trim() : undefined;
    const [weeks, weekly] = await Promise.all([
      api<WeekStats[]>(`/api/reports/stats${query({ teacherId: teacher, weeks: WEEKS })}`),
      api<Report[]>(`/api/reports/weekly${query({ teacherId: teacher, limit: 20 })}`),
    ]);
    fill(stats, weeks.length ? weeks.map(statsRow) : h('tr', {}, h('td', { colspan: 5, class: 'empty' }, `No sales or refunds in the last ${WEEKS} weeks.`)));
    fill(reports, weekly.length ? weekly.map(reportItem) : h('li', { class: 'empty' }, 'No weekly reports yet.'));
  }

  const show = h('button', { type: 'submit' }, 'Show');
  const teacherForm = h('form', { class: 'inline-form' }, h('label', { for: 'teacher-id' }, 'Teacher id'), teacherId, show);
  teacherForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void whileBusy(show, () => act('refresh', reload));
  });

  const root = screenRoot(
    'teacher',
    'Teaching',
    refreshButton(reload),
    admin && teacherForm,
    h('h2', { id: 'stats-title' }, `Weekly stats (last ${WEEKS} weeks)`),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { 'data-testid': 'stats', 'aria-labelledby': 'stats-title' },
        h('thead', {}, h('tr', {}, ['Week of', 'Paid invoices', 'Revenue', 'Refunds', 'Refunded'].map((title) => h('th', { scope: 'col' }, title)))),
        stats,
      ),
    ),
    h('h2', {}, 'Weekly reports'),
    reports,
  );
  void load(root, reload);
  return { root };
}

function statsRow(week: WeekStats): HTMLElement {
  return h(
    'tr',
    {},
    h('td', {}, week.weekStart),
    h('td', { class: 'number' }, week.paidInvoices),
    h('td', { class: 'number' }, money(week.revenue)),
    h('td', { class: 'number' }, week.refunds),
    h('td', { class: 'number' }, money(week.refunded)),
  );
}

function reportItem(report: Report): HTMLElement {
  const net = report.revenue.map((line) => `${line.net} ${line.currency}`).join(', ') || 'nothing';
  return h(
    'li',
    { 'data-teacher-id': report.teacherId, 'data-week-start': report.weekStart },
    h(
      'div',
      {},
      h('strong', {}, `Week of ${report.weekStart}, teacher ${report.teacherId}: `),
      `${report.enrolments} enrolments, ${report.refunds} refunds, net ${net}; ${report.messages} messages from ${report.activeStudents} active students.`,
    ),
    h('details', {}, h('summary', {}, `Report sent ${dateTime(report.generatedAt)}`), h('pre', {}, report.text)),
  );
}
