function popup() { return { onAnswer: ''.padStart(5e8, 'x') }; }
