// Small render helpers over the plain DOM. Text always goes in as text nodes, never as HTML.

type Listener = (event: Event) => void;
type Attrs = Record<string, string | number | boolean | null | undefined | Listener>;
export type Child = Node | string | number | null | undefined | false | Child[];

/**
 * An element: `on<event>` attributes become listeners, `true` an empty attribute, and
 * `false`/null/undefined leave the attribute out.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  element.append(...nodes(children));
  return element;
}

/** Replaces an element's content. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(...nodes(children));
}

function nodes(children: Child[]): (Node | string)[] {
  const result: (Node | string)[] = [];
  for (const child of children) {
    if (Array.isArray(child)) {
      result.push(...nodes(child));
    } else if (typeof child === 'number') {
      result.push(String(child));
    } else if (child) {
      result.push(child);
    }
  }
  return result;
}
