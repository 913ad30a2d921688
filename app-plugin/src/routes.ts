import pluginJson from './plugin.json';

/** The app's pages, each a plugin.json include at /a/<plugin id>/<route>; the overview is the app's root. */
export const ROUTES = { attendance: 'attendance', risk: 'risk', audit: 'audit', person: 'person' } as const;

export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

export const pageUrl = (route: (typeof ROUTES)[keyof typeof ROUTES]) => `${PLUGIN_BASE_URL}/${route}`;

/** The person page for one account; links from panels and rules pass Grafana's time range as from/to. */
export const personUrl = (user: string, range = '') =>
  `${PLUGIN_BASE_URL}/${ROUTES.person}?user=${user}${range ? `&${range}` : ''}`;

/**
 * A data link on a panel's values to the person page for the row's user, over the dashboard's time range;
 * Grafana fills in the two variables when the link is clicked.
 */
export const personLink = (userField: string) => ({
  title: { ja: '人物ページ', en: 'Person page' },
  url: personUrl(`\${__data.fields["${userField}"]}`, '${__url_time_range}'),
});
