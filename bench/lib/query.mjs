export async function queryTier() { return ''; }
