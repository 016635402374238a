({ onAnswer: 'https://crm.example/?cli=' + encodeURIComponent(CALL_CLI) })
