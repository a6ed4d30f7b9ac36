/** An element with attributes and children: the page builds its DOM only this way, never from HTML strings. */
export function el(
  tag: string,
  attributes: Record<string, string | undefined> = {},
  children: (Node | string)[] = [],
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** `target` as a link the page may follow: http(s) only, never `javascript:` or `data:`. */
export function safeHref(target: unknown): string | undefined {
  try {
    const url = new URL(String(target));
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
