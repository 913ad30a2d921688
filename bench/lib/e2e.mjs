export async function e2eTier() { return ''; }
