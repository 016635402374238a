({ onAnswer: 'https://crm.example/?u={$USERNAM}' })
