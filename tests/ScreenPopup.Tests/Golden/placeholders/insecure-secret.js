({ onAnswer: 'http://crm.example/login?u={$USERNAME}&p={$USER_PASSWORD}' })
