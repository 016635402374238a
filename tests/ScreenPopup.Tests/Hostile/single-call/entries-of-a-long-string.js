function popup() { var n = Object.entries('x'.repeat(1e6)).length; return { onAnswer: 'https://x.example/?' + n }; }
