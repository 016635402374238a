// The sandbox's fast replace runs the engine's own .NET regex, with the same match timeout: a catastrophic pattern is
// still a scriptTimeout that the script's try/catch cannot swallow.
function popup() {
  try { 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.replace(/^(a+)+$/g, 'x'); } catch (e) { return { onAnswer: 'https://caught.example/' }; }
  return {};
}
