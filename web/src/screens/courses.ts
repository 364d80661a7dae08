// Courses: buy one (an invoice), and in the local run pay a pending invoice in the sandbox.
import { api, query } from '../api';
import { fill, h } from '../dom';
import { type Money, money } from '../format';
import { uuid } from '../random';
import { hasRole } from '../session';
import { act, load, refreshButton, screenRoot, whileBusy } from '../ui';
import type { App, Mounted } from './screen';

interface Course {
  id: string;
  title: string;
  teacherId: string;
  price: Money;
  materialsCount: number;
  unlocked: boolean;
}

interface Invoice {
  id: string;
  courseId: string;
  amount: Money;
  status: 'PENDING' | 'PAID' | 'CANCELED' | 'REFUNDED';
}

interface SandboxPayment {
  invoiceId: string;
  invoiceStatus: Invoice['status'];
}

export function coursesScreen(app: App): Mounted {
  const student = hasRole(app.user, 'student');
  const sandbox = app.config.signIn === 'dev';
  /** The Idempotency-Key of a buy not yet answered, per course: a retry after a lost answer reuses it. */
  const idempotencyKeys = new Map<string, string>();
  const notice = h('p', { class: 'notice', role: 'status' });
  const list = h('div', { class: 'cards' });

  async function reload(): Promise<void> {
    const [courses, pending] = await Promise.all([
      api<Course[]>('/api/payments/courses'),
      student ? api<Invoice[]>(`/api/payments/invoices${query({ status: 'PENDING', limit: 100 })}`) : Promise.resolve([]),
    ]);
    // invoices come newest first: the one to pay is the latest
    fill(list, courses.length ? courses.map((course) => card(course, pending.find((invoice) => invoice.courseId === course.id))) : h('p', { class: 'empty' }, 'No courses yet.'));
  }

  function card(course: Course, pending: Invoice | undefined): HTMLElement {
    const buy = student && !course.unlocked ? buyButton(course) : null;
    const pay = sandbox && pending && !course.unlocked ? payButton(course, pending) : null;
    return h(
      'article',
      { class: 'card', 'data-testid': 'course', 'data-course-id': course.id },
      h('h2', {}, course.title),
      h('p', { class: 'meta' }, `${money(course.price)} · ${course.materialsCount} ${course.materialsCount === 1 ? 'material' : 'materials'} · teacher ${course.teacherId}`),
      course.unlocked
        ? h('p', { class: 'unlocked' }, 'Unlocked: ', h('a', { href: '#/materials' }, 'see its materials'))
        : pending && h('p', {}, `Invoice ${pending.id} is waiting for payment (${money(pending.amount)}).`),
      (buy || pay) && h('div', { class: 'actions' }, buy, pay),
    );
  }

  function buyButton(course: Course): HTMLButtonElement {
    const button = h('button', { type: 'button', 'data-testid': 'buy' }, `Buy for ${money(course.price)}`);
    button.addEventListener('click', () =>
      whileBusy(button, () =>
        act('buy', async () => {
          notice.textContent = '';
          const key = idempotencyKeys.get(course.id) ?? uuid();
          idempotencyKeys.set(course.id, key);
          const invoice = await api<Invoice>('/api/payments/invoices', { method: 'POST', body: { courseId: course.id }, headers: { 'Idempotency-Key': key } });
          idempotencyKeys.delete(course.id);
          notice.textContent = `Invoice ${invoice.id} for "${course.title}": ${money(invoice.amount)}, ${invoice.status.toLowerCase()}.`;
          await reload();
        }),
      ),
    );
    return button;
  }

  function payButton(course: Course, invoice: Invoice): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'secondary', 'data-testid': 'pay-sandbox', 'data-invoice-id': invoice.id }, 'Pay in sandbox');
    button.addEventListener('click', () =>
      whileBusy(button, () =>
        act('pay_sandbox', async () => {
          notice.textContent = '';
          const payment = await api<SandboxPayment>(`/api/payments/sandbox/pay/${encodeURIComponent(invoice.id)}`, { method: 'POST' });
          notice.textContent = `Invoice ${payment.invoiceId} for "${course.title}" is ${payment.invoiceStatus.toLowerCase()}.`;
          await reload();
        }),
      ),
    );
    return button;
  }

  const root = screenRoot(
    'courses',
    'Courses',
    refreshButton(reload),
    student ? null : h('p', { class: 'hint' }, 'Students buy courses; you see what they can buy.'),
    notice,
    list,
  );
  void load(root, reload);
  return { root };
}
