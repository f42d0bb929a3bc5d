NAME          SMALLMIP
OBJSENSE
    MAX
ROWS
 N  COST
 L  LIM1
 G  LIM2
 E  M        1.0NAME          SMA
 L