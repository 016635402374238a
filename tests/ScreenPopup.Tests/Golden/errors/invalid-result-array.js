function popup() { return ['https://crm.example/']; }
