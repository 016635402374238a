({ onAnswer: '/contact?id=1' })
