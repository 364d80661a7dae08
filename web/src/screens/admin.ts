// Admin: run the weekly reports now and follow the run until it has finished.
import { api, query } from '../api';
import { fill, h } from '../dom';
import { asApiError } from '../errors';
import { traceUrl } from '../format';
import { untraced } from '../tracing';
import { act, screenRoot, showError, whileBusy } from '../ui';
import type { App, Mounted } from './screen';

const POLL_EVERY_MILLIS = 1_000;

interface Run {
  id: string;
  weekStart: string;
  trigger: 'SCHEDULED' | 'MANUAL';
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  traceId: string;
  teachers: number;
  reportsSent: number;
  failures: number;
}

export function adminScreen(app: App): Mounted {
  let pollTimer: number | undefined;
  const runs = h('div', { class: 'runs' });
  const week = h('input', { id: 'run-week', name: 'week', type: 'date', 'aria-describedby': 'run-week-hint' });
  const run = h('button', { type: 'submit', 'data-testid': 'run-reports' }, 'Run weekly reports now');
  const form = h(
    'form',
    { class: 'card stack' },
    h('label', { for: 'run-week' }, 'Week (any day of it)'),
    week,
    h('p', { class: 'hint', id: 'run-week-hint' }, 'Leave empty for the last complete week. Every known teacher gets that week\'s report by email.'),
    h('div', {}, run),
  );

  function show(state: Run): void {
    const link = app.config.traceUi && h('a', { href: traceUrl(app.config.traceUi.traceUrl, state.traceId), target: '_blank', rel: 'noopener' }, `its trace in ${app.config.traceUi.name}`);
    const finished = state.status !== 'RUNNING';
    fill(
      runs,
      h(
        'div',
        { class: 'card stack', 'data-testid': 'run-status', 'data-run-id': state.id, 'data-status': state.status, role: 'status' },
        h('p', {}, `Run ${state.id} (${state.trigger.toLowerCase()}) for the week of ${state.weekStart}: `, h('strong', {}, state.status)),
        finished && h('p', {}, `${state.teachers} teachers, ${state.reportsSent} reports sent, ${state.failures} failures.`),
        link && h('p', {}, 'See ', link, '.'),
      ),
    );
    if (!finished) {
      pollTimer = window.setTimeout(() => void poll(state.id), POLL_EVERY_MILLIS);
    }
  }

  async function poll(id: string): Promise<void> {
    try {
      show(await untraced(() => api<Run>(`/api/reports/weekly/runs/${encodeURIComponent(id)}`)));
    } catch (thrown) {
      showError(asApiError(thrown));
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(pollTimer);
    void whileBusy(run, () =>
      act('run_reports', async () => {
        show(await api<Run>(`/api/reports/weekly/run${query({ week: week.value })}`, { method: 'POST' }));
      }),
    );
  });

  const root = screenRoot('admin', 'Admin', null, h('h2', {}, 'Weekly reports'), form, runs);
  root.dataset.loaded = 'true';
  return { root, dispose: () => window.clearTimeout(pollTimer) };
}
