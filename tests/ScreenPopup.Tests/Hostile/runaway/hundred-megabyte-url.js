function popup() { return { onAnswer: 'https://x.example/?q=' + 'y'.repeat(1e8) }; }
