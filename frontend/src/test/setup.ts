import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';

// Every page but the start page is a module loaded on its first visit: on a busy two-core
// machine (CI builds Rust beside the tests) loading it can take longer than the default 1 s
// that findBy and waitFor wait.
configure({ asyncUtilTimeout: 5000 });

// Browsers resolve relative URLs against the page; Node's Request does not.
const NodeRequest = globalThis.Request;
class PageRequest extends NodeRequest {
  constructor(input: RequestInfo | URL, init?: RequestInit) {
    super(typeof input === 'string' ? new URL(input, window.location.href) : input, init);
  }
}
globalThis.Request = PageRequest;

afterEach(async () => {
  cleanup();
  const { sessionStore } = await import('../session/store');
  const { signInAs } = await import('./http');
  sessionStore.reset();
  signInAs(null);
  localStorage.clear();
  sessionStorage.clear();
});

// jsdom does not scroll; the layout scrolls to the top after navigation.
window.scrollTo = () => undefined;

// jsdom has <dialog> but not its methods: open and close it the way a browser would.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
