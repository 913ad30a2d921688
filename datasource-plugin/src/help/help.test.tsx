import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FIELD } from '@kansa/schema/fields';

import { setUserLanguage } from '../testing/fixtures';
import type { KansaQuery } from '../types';
import { EXAMPLES } from './examples';
import { QueryHelp } from './QueryHelp';

const current: KansaQuery = { refId: 'A', queryType: 'logs', query: 'old', labels: [FIELD.userName] };

afterEach(() => setUserLanguage(undefined));

describe('query help', () => {
  it('has examples for every use case, each titled in both languages', () => {
    for (const examples of Object.values(EXAMPLES)) {
      expect(examples.length).toBeGreaterThanOrEqual(3);
      for (const e of examples) {
        expect(e.title.ja).not.toBe('');
        expect(e.title.en).not.toBe('');
        expect(e.title.ja).not.toBe(e.title.en);
      }
    }
  });

  it('puts an example into the query, in English', async () => {
    setUserLanguage('en-US');
    const onClickExample = jest.fn();
    render(<QueryHelp query={current} onClickExample={onClickExample} />);
    const cyber = screen.getByRole('region', { name: 'Cyber attacks' });
    expect(within(cyber).getByText('event.action:logon-failed AND NOT source.ip:"10.0.0.0/8"')).toBeInTheDocument();
    await userEvent.click(within(cyber).getByRole('button', { name: /Failed logons from outside/ }));
    expect(onClickExample).toHaveBeenCalledWith({
      ...current,
      query: 'event.action:logon-failed AND NOT source.ip:"10.0.0.0/8"',
    });
  });

  it('switches the query type for an example that needs one, in Japanese', async () => {
    setUserLanguage('ja-JP');
    const onClickExample = jest.fn();
    render(<QueryHelp query={current} onClickExample={onClickExample} />);
    const attendance = screen.getByRole('region', { name: '勤怠・労働時間' });
    await userEvent.click(within(attendance).getByRole('button', { name: /勤怠表/ }));
    expect(onClickExample).toHaveBeenCalledWith({
      refId: 'A',
      queryType: 'attendance',
      query: '',
      attendanceView: 'sheet',
      queryModelVersion: 1,
    });
    expect(screen.getByText('クエリの書き方')).toBeInTheDocument();
  });
});
