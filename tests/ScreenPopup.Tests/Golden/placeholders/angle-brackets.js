({ onAnswer: 'https://crm.example/?u=<$USERNAME>&os=<$SYSTEM_USERNAME>' })
