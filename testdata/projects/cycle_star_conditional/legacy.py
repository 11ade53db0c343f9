def old_build(:
    pass
