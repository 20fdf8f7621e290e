// Building and updating DOM in place: tiles are updated every second, and replacing nodes under
// the pointer would swallow a click on "Acknowledge". Text goes in as text, never as HTML.

type Props = { class?: string; text?: string; attrs?: Record<string, string>; on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>> };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const [name, handler] of Object.entries(props.on ?? {})) node.addEventListener(name, handler as EventListener);
  node.append(...children);
  return node;
}

export function setText(node: Element, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function setAttr(node: Element, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no element #${id}`);
  return node as T;
}

/** Keeps one child per key in `container`, in the given order, creating and removing as needed. */
export function syncKeyed<T, N extends HTMLElement>(container: HTMLElement, items: readonly T[], key: (item: T) => string, create: (item: T) => N, update: (node: N, item: T) => void, nodes: Map<string, N>): void {
  const wanted = new Set(items.map(key));
  for (const [k, node] of nodes) {
    if (!wanted.has(k)) {
      node.remove();
      nodes.delete(k);
    }
  }
  let previous: Element | null = null;
  for (const item of items) {
    const k = key(item);
    let node = nodes.get(k);
    if (!node) {
      node = create(item);
      nodes.set(k, node);
    }
    update(node, item);
    const expected: Element | null = previous ? previous.nextElementSibling : container.firstElementChild;
    if (expected !== node) container.insertBefore(node, expected);
    previous = node;
  }
}
