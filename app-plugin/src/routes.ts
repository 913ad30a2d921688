import pluginJson from './plugin.json';

/** The app's pages, each a plugin.json include at /a/<plugin id>/<route>; the overview is the app's root. */
export const ROUTES = { attendance: 'attendance', risk: 'risk', audit: 'audit', person: 'person' } as const;

export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

export const pageUrl = (route: (typeof ROUTES)[keyof typeof ROUTES]) => `${PLUGIN_BASE_URL}/${route}`;

/** The person page for one account; links from panels and rules pass Grafana's time range as from/to. */
export const personUrl = (user: string, range = '') => `${PLUGIN_BASE_URL}/${ROUTES.person}?user=${user}${range ? `&${range}` : ''}`;
