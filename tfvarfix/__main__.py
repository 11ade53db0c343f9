from tfvarfix.quick import main

main()
