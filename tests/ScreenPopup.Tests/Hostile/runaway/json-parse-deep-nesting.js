function popup() {
  try { JSON.parse('['.repeat(100000) + ']'.repeat(100000)); } catch (e) { return { onAnswer: 'https://x.example/?' + e.name }; }
  return {};
}
