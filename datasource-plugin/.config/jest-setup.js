import '@testing-library/jest-dom';
import util from 'util';

// jsdom lacks these browser APIs that @grafana/ui touches while rendering.
Object.assign(global, { TextDecoder: util.TextDecoder, TextEncoder: util.TextEncoder });

Object.defineProperty(global, 'matchMedia', {
  writable: true,
  value: (query) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});

HTMLCanvasElement.prototype.getContext = () => null;
