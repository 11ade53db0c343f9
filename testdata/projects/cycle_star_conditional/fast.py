import slow

build = slow.build
