function popup() { return { onAnswer: 42, webClientOpenNewTab: 'yes' }; }
