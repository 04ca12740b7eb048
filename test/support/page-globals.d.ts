// Functions handed to playwright's evaluate run in the browser, where the DOM exists. The
// tests are type-checked for Node, and the DOM library cannot join them (its Blob and fetch
// types clash with Node's), so what the page functions use is declared here, loosely.

interface PageElement {
  id: string;
  textContent: string | null;
  closest(selector: string): (PageElement & { rowIndex: number }) | null;
  append(...nodes: PageElement[]): void;
}

interface HTMLImageElement extends PageElement {
  naturalWidth: number;
}

declare const document: {
  activeElement: PageElement | null;
  querySelector(selector: string): PageElement | null;
  createElement(tag: string): PageElement;
};

declare const window: { dispatchEvent(event: Event): boolean };
