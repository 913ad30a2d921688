import '../testing/dom';

import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { EDITOR_FIELDS, makeDataSource, setUserLanguage } from '../testing/fixtures';
import { AnnotationQueryEditor } from './AnnotationQueryEditor';

afterEach(() => setUserLanguage(undefined));

async function renderEditor() {
  const { ds } = makeDataSource({ fields: EDITOR_FIELDS });
  const onChange = jest.fn();
  render(
    <AnnotationQueryEditor
      datasource={ds}
      query={{ refId: 'Anno', queryType: 'logs', query: '' }}
      onChange={onChange}
      onRunQuery={() => {}}
    />,
  );
  await act(async () => {});
  return onChange;
}

describe('AnnotationQueryEditor', () => {
  it('edits a logs query whose labels become tags, in English', async () => {
    setUserLanguage('en-US');
    const onChange = await renderEditor();
    expect(screen.getByLabelText('Tag fields')).toBeInTheDocument();
    await userEvent.type(screen.getByRole('combobox', { name: 'Lucene query' }), 'event.code:4728 {Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'Anno', queryType: 'logs', query: 'event.code:4728 ' });
  });

  it('is labelled in Japanese', async () => {
    setUserLanguage('ja-JP');
    await renderEditor();
    expect(screen.getByLabelText('タグにするフィールド')).toBeInTheDocument();
    expect(screen.getByText(/一致したイベントごとに注釈を付けます/)).toBeInTheDocument();
  });
});
