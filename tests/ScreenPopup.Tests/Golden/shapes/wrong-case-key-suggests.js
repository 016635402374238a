({ onanswer: 'https://crm.example/' })
