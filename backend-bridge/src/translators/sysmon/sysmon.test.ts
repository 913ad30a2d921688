import { describeGoldenCases } from '../../translate/testing/golden';

// One Event XML case per Sysmon event ID, plus NXLog and Winlogbeat renderings of the frequent ones.
describeGoldenCases(__dirname);
