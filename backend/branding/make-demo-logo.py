# Draws demo mode's logo (a made-up coat of arms for the fictitious Voorbeeldegem) with the
# standard library only: python3 make-demo-logo.py writes voorbeeldegem.png here.
import zlib, struct
W,H,S=200,240,4
def shield(x,y,m):
    # inside a shield inset by m: straight sides down to y=120, then a curve to the point
    if x<10+m or x>190-m or y<10+m: return False
    if y<=120: return True
    # bottom: |x-100| <= half width shrinking quadratically to the tip at y=232-m*1.2
    tip=232-m*1.2
    if y>tip: return False
    t=(y-120)/(tip-120)
    half=(90-m)*(1-t**1.6)**0.5
    return abs(x-100)<=half
def vletter(x,y):
    # a "V": two slanted bars between y=60 and y=170
    if y<60 or y>170: return False
    t=(y-60)/110
    left=60+t*32; right=140-t*32
    w=24*(1-0.35*t)
    return (left<=x<=left+w) or (right-w<=x<=right)
blue=(0x1d,0x4f,0x91); yellow=(0xff,0xe6,0x15)
rows=[]
for py in range(H):
    row=bytearray([0])
    for px in range(W):
        acc=[0,0,0,0]
        for sy in range(S):
            for sx in range(S):
                x=px+(sx+.5)/S; y=py+(sy+.5)/S
                c=None
                if shield(x,y,0):
                    c=blue
                    if shield(x,y,20): c=blue if vletter(x,y) else yellow
                if c:
                    acc[0]+=c[0];acc[1]+=c[1];acc[2]+=c[2];acc[3]+=1
        n=acc[3]
        if n: row+=bytes([acc[0]//n,acc[1]//n,acc[2]//n,255*n//(S*S)])
        else: row+=bytes([0,0,0,0])
    rows.append(bytes(row))
raw=b''.join(rows)
def chunk(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d)&0xffffffff)
png=b'\x89PNG\r\n\x1a\n'+chunk(b'IHDR',struct.pack('>IIBBBBB',W,H,8,6,0,0,0))+chunk(b'IDAT',zlib.compress(raw,9))+chunk(b'IEND',b'')
open('voorbeeldegem.png','wb').write(png)
