from tfvarfix.cli import main

main()
