function popup() { var n = [...'x'.repeat(1e6)].length; return { onAnswer: 'https://x.example/?' + n }; }
