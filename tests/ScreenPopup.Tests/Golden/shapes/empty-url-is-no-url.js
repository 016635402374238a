({ onRing: '', onAnswer: null })
