export const CommonLabels = {
  field: { ja: 'フィールド', en: 'Field' },
  fieldTip: { ja: 'このフィールドの値 (期間内で件数の多い順) を変数の候補にします', en: 'The variable lists this field’s values, most frequent in the time range first' },
  pickField: { ja: 'フィールドを選択', en: 'Choose a field' },
  filter: { ja: '絞り込み (Lucene)', en: 'Filter (Lucene)' },
  filterTip: { ja: 'このクエリに一致するイベントの値だけを数えます。他の変数 ($department など) も使えます。', en: 'Only values of events matching this query count. Other variables such as $department work.' },
  size: { ja: '最大件数', en: 'Max values' },
  fieldsFailed: { ja: 'フィールド一覧を取得できません', en: 'Could not load the field list' },
};
