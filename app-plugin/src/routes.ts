import pluginJson from './plugin.json';

/** The app's pages, each a plugin.json include at /a/<plugin id>/<route>; the overview is the app's root. */
export const ROUTES = { attendance: 'attendance', risk: 'risk', audit: 'audit' } as const;

export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

export const pageUrl = (route: (typeof ROUTES)[keyof typeof ROUTES]) => `${PLUGIN_BASE_URL}/${route}`;
