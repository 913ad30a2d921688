import './.config/jest-setup';

import { initTestTranslations } from './src/testing/i18n';

// Grafana loads the plugin's locales before the plugin; the editors' tests switch language with setUserLanguage.
beforeAll(initTestTranslations);
