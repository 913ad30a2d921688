import { describeGoldenCases } from '../../translate/testing/golden';

// The Sysmon mappers live in _lib/windows/sysmon (every Windows rendering uses them).
// One Event XML case per Sysmon event ID, plus NXLog and Winlogbeat renderings of the frequent ones.
describeGoldenCases(__dirname);
