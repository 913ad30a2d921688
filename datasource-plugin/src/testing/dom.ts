// jsdom lacks IntersectionObserver, which @grafana/ui's select menus use for their scroll indicators. Imported by
// the tests that open a menu; the plugin's shared jest setup (.config/) stays as create-plugin generates it.
class NoIntersectionObserver {
  readonly root = null;
  readonly rootMargin = '0px';
  readonly thresholds = [];
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}

if (!('IntersectionObserver' in globalThis)) {
  Object.assign(globalThis, { IntersectionObserver: NoIntersectionObserver });
}

// Rendering whole editors with real @grafana/ui on a shared two-core machine takes seconds per test.
jest.setTimeout(60000);
