function popup() {
  try { /^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'); } catch (e) { return { onAnswer: 'https://caught.example/' }; }
  return {};
}
