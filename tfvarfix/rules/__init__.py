"""One module per rule: `tfvNNN_<name>.py`, holding one Rule class. The registry finds them by existence."""
