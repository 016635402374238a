function* g() { yield* g(); }
function popup() { return { onAnswer: 'https://x.example/' + [...g()].length }; }
