({ onAnswer: 'http://localhost:8080/login?p={$USER_PASSWORD}' })
