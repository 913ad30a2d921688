// The modules Grafana hands to plugins through SystemJS (its sharedDependenciesMap), each from the real npm
// package of the Grafana line this host is built for. A plugin asking for anything else fails to load, as it
// would in Grafana for a name Grafana does not share (redux, d3, slate, moment and jquery are shared by Grafana
// but not used by Kansa, so this host leaves them out and would report a plugin that starts to need them).
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaRuntimeUnstable from '@grafana/runtime/unstable';
import * as grafanaUI from '@grafana/ui';
import * as lodash from 'lodash';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as reactDomClient from 'react-dom/client';
import * as reactInlineSvg from 'react-inlinesvg';
import * as reactRouterDom from 'react-router-dom';
import * as reactRouterCompat from 'react-router-dom-v5-compat';
import * as jsxRuntime from 'react/jsx-runtime';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
// Grafana shares its own i18next instance, the one @grafana/i18n drives (not exported from the package root).
// @ts-expect-error esbuild resolves this through the host's alias
import { getI18nInstance } from 'grafana-i18n-internal';

export const sharedDependencies: Record<string, unknown> = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': grafanaData,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/runtime/unstable': grafanaRuntimeUnstable,
  '@grafana/ui': grafanaUI,
  emotion: emotionCss,
  i18next: { default: getI18nInstance(), __useDefault: true },
  lodash: { ...lodash, __useDefault: true },
  react,
  'react/jsx-runtime': jsxRuntime,
  'react-dom': reactDom,
  'react-dom/client': reactDomClient,
  'react-inlinesvg': reactInlineSvg,
  'react-router-dom': reactRouterDom,
  'react-router': reactRouterCompat,
  rxjs,
  'rxjs/operators': rxjsOperators,
};
