function f(n) { return f(n + 1) + 1; }
function popup() { return { onAnswer: 'https://x.example/' + f(0) }; }
