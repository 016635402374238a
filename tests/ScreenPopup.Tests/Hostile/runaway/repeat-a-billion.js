function popup() { return { onAnswer: 'https://x.example/?' + 'x'.repeat(1e9) }; }
