/** Throws a SyntaxError for an invalid CSS selector; matches nothing, so it is cheap. */
export const tryMatchSelector = (selector: string) =>
  document.createDocumentFragment().querySelector(selector);
