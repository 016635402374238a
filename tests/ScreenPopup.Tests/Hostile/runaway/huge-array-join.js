function popup() { return { onAnswer: 'https://x.example/?' + new Array(1e8).join('x') }; }
