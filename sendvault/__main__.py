from sendvault.cli import main

main()
